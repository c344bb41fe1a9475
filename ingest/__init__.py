"""Loading, chunking, embedding and storing the corpus; owner of the index and its manifest."""
