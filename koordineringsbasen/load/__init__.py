"""Loading: data files to a validated catalog, with every problem located."""
