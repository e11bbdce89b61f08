"""The data contract: vocabularies, row models, problems."""
