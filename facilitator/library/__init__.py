"""The scenario library: built-in scenarios as read-only templates, the trainers' own scenarios
in the database, and the editor whose forms are generated from each work form's field
description (see ``facilitator.contract.fields``). ``views.bp`` is the blueprint."""
