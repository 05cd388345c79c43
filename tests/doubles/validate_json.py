#!/usr/bin/env python3
"""Validates JSON documents (one per line) against a JSON Schema (draft 2020-12).

usage: validate_json.py SCHEMA DOCUMENTS.jsonl
Prints one line per invalid document (its line number and the first error) and exits 1 if any.
"""

import json
import sys

import jsonschema


def main() -> int:
    schema_path, docs_path = sys.argv[1], sys.argv[2]
    with open(schema_path, encoding="utf-8") as f:
        schema = json.load(f)
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    bad = 0
    checked = 0
    with open(docs_path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if not line.strip():
                continue
            checked += 1
            errors = sorted(validator.iter_errors(json.loads(line)), key=lambda e: e.path)
            if errors:
                bad += 1
                print(f"line {n}: {errors[0].message} at {list(errors[0].path)}")
    print(f"checked {checked}, invalid {bad}")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
