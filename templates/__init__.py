"""Host templates, installed as the facilitator.templates package."""
