"""Benchmarks for upback: data generator, load runs, microbenchmarks (not part of `make test`)."""
