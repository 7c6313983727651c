"""The live side: phones, the shared screen and the console over Socket.IO.

Thin handlers (handlers), the answer desk that takes answers together (answers), the one
module that emits (broadcast) and the full snapshots it sends (snapshots).
"""
