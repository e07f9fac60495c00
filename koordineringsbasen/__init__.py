"""Koordineringsbasen: validated data about national coordination of specialised social services."""
