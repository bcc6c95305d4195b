"""What the test suites share: one in-process HTTP client (:mod:`tests.support.http`) and one
set of example profiles (:mod:`tests.support.profiles`)."""
