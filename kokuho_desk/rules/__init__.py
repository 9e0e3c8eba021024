"""The eligibility engine: pure functions over model objects. Never imports Qt."""
