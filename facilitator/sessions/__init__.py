"""Sessions (``Workshop`` in the code) and what they hold.

The stored world (models), scenarios, creating and driving a session (workshops), joining
and answering (participation), join codes and their guard, the step views a work form
works on, retention, and what the domain announces after each commit (signals, events).
No socket code here.
"""
