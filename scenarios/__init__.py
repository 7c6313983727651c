"""Built-in scenarios, installed as the facilitator.builtin_scenarios package."""
