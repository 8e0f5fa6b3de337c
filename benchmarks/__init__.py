"""Performance benchmarks (``python -m benchmarks``): numbers, not pass/fail tests."""
