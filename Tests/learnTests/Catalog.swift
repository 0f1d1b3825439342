import Experiments
import Lessons

/// The experiments and code exercises `learn` ships, for tests that parse lessons directly.
let experimentCatalogForTests: ExperimentCatalog = experimentCatalog
