"""Contributor tools behind the commands: find a citation, write a risk round."""
