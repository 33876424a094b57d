"""Schemathesis hooks for e2e/test/fuzz.test.ts (loaded through SCHEMATHESIS_HOOKS).

The schema lets one POST /api/ml-training ask for up to 100000 epochs on a million samples: valid, and a
real run of it keeps a core busy for hours. Training runs in worker threads, so the ML worker still answers
queries, but every fuzzed run would compete for this machine's two cores with the rest of the test line.
Valid training bodies are scaled down to a few epochs on a small data set; invalid ones are left exactly as
generated, so every 400 path is still exercised.
"""

import schemathesis

CAPS = {
    ("hyperparameters", "epochs"): 3,
    ("hyperparameters", "batchSize"): 64,
    ("dataset", "samples"): 300,
    ("dataset", "features"): 8,
    ("dataset", "classes"): 4,
    ("model", "hiddenUnits"): 8,
    ("checkpointInterval",): 1,
    ("reviewInterval",): 2,
    ("epochsPerRun",): 2,
}


def _cap(body, path, limit):
    parent = body
    for key in path[:-1]:
        parent = parent.get(key) if isinstance(parent, dict) else None
    if not isinstance(parent, dict):
        return
    value = parent.get(path[-1])
    # Only a valid integer above the cap is lowered; anything else keeps its chance to be a 400.
    if isinstance(value, int) and not isinstance(value, bool) and value > limit:
        parent[path[-1]] = limit


@schemathesis.hook
def map_body(context, body):
    operation = context.operation
    if operation is None or operation.method.upper() != "POST" or operation.path != "/api/ml-training" or not isinstance(body, dict):
        return body
    for path, limit in CAPS.items():
        _cap(body, path, limit)
    return body
