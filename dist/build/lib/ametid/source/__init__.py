"""Position files as text: YAML read as editors read it, written in the house style."""
