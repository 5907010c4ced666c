"""Content: the scenario library on disk, the lever catalogue and the scaffold for new scenarios."""
