import Lessons

/// Every experiment lessons can embed, in the order `learn experiments` lists them: the general
/// `train` early, the others in the order of the lessons that introduce them.
public let experimentCatalog = ExperimentCatalog(
    [
        SoftmaxLoss.self,
        TrainClassifier.self,
        MomentumRavine.self,
        LearningRateSchedules.self,
        AdaptiveRavine.self,
        InitActivations.self,
        DecayTwoStep.self,
        DropoutModes.self,
        BatchNormActivations.self,
        BatchNormAlgebra.self,
        FeatureMaps.self,
        CNNDigits.self,
        FineTune.self,
        SaddleEscape.self,
        NetworkCost.self,
        AutogradTrace.self,
        ModuleParameters.self,
        LoaderBatches.self,
        Ablation.self,
    ],
    codeExercises: [
        SoftmaxCrossEntropyExercise.self,
        MomentumStepExercise.self,
        KaimingStdExercise.self,
        WeightDecayStepExercise.self,
        BatchNormForwardExercise.self,
        MatmulBackwardExercise.self,
    ])
