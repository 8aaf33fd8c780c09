"""evals: question suites, the runner, metrics, baselines and reports."""
