"""The checks a load runs: schema, references, sources, cited values, personal data."""
