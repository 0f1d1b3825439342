import Lessons

/// Every experiment lessons can embed, in the order `learn experiments` lists them.
public let experimentCatalog = ExperimentCatalog(
    [
        MomentumRavine.self,
        TrainClassifier.self,
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
