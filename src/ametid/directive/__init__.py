"""The directive (käskkiri) approving positions: its text, documents, container and proof."""
