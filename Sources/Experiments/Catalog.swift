import Lessons

/// Every experiment lessons can embed, in the order `learn experiments` lists them.
public let experimentCatalog = ExperimentCatalog(
    [
        SoftmaxLoss.self,
        MomentumRavine.self,
        LearningRateSchedules.self,
        AdaptiveRavine.self,
        TrainClassifier.self,
        DropoutModes.self,
        BatchNormActivations.self,
        BatchNormAlgebra.self,
        FeatureMaps.self,
        CNNDigits.self,
        FineTune.self,
        InitActivations.self,
        DecayTwoStep.self,
    ],
    codeExercises: [
        SoftmaxCrossEntropyExercise.self,
        MomentumStepExercise.self,
        KaimingStdExercise.self,
        WeightDecayStepExercise.self,
        BatchNormForwardExercise.self,
    ])
