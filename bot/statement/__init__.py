"""The joint statement as members read it: pages, paragraphs, search and quotes."""
