"""The work-form contract: what a plugin implements and what the host calls.

The work-form class and its data (workform), a work form made of phases (phases), dot voting
(dots), checking lists of texts in a configuration (config), the configuration fields (fields), the
hooks (hookspecs), text cleaning (text) and the plugin manager with its registry of
work forms (plugins). A plugin imports the public names from ``facilitator`` itself.
"""
