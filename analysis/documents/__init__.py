"""Documents in: bytes decoded to text (`decode`), markup to text (`markup`), and the sources that stream
documents from folders, files, tables and iterables (`sources`)."""
