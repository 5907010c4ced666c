"""The workshop room: phones vote on a case's decisions over the local network (no pygame here)."""
