"""What a build keeps between runs to skip work: the stages never import this package."""
