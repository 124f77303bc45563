"""Built-in rules, one module per rule. Each is registered in pyproject.toml under the
``reportlint.rules`` entry-point group, exactly like a third-party plugin."""
