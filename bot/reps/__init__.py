"""Members of Congress: the dataset, its import and download, and who represents a place."""
