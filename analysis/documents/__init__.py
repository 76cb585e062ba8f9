"""Documents in: bytes decoded to text (`decode`), markup to text (`markup`), an HTML page's article
without its menus and related links (`article`), and the sources that stream documents from folders,
files, tables and iterables (`sources`)."""
