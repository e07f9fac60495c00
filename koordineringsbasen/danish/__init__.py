"""Reading and writing Danish: numbers, dates and ids as the sources and readers write them."""
