"""Schemathesis hooks for fuzzing the desk's API as one journalist while a colleague's story
sits on the desk: paths that take a story id are often given the colleague's real id, and every
response is checked to hold nothing of that story (its title, its text, its author)."""

import os

import schemathesis

SECRETS = [s for s in os.environ.get("QALAM_FUZZ_SECRETS", "").split("|") if s]
OTHERS_ID = os.environ.get("QALAM_FUZZ_OTHERS_ID", "")


@schemathesis.hook
def map_path_parameters(ctx, path_parameters):
    if OTHERS_ID and path_parameters and "id" in path_parameters and hash(str(path_parameters)) % 2 == 0:
        path_parameters["id"] = OTHERS_ID
    return path_parameters


@schemathesis.check
def no_leak_across_people(ctx, response, case):
    body = response.content.decode("utf-8", errors="replace") if response.content else ""
    for secret in SECRETS:
        if secret in body:
            raise AssertionError(f"the response holds a colleague's {secret!r}")
