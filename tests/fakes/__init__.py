"""Hand-written fakes of the application's ports, for unit tests: no mocks."""
