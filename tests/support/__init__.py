"""What the test suites share: one in-process HTTP client (:mod:`tests.support.http`), one
set of example profiles (:mod:`tests.support.profiles`), the in-memory unit of work
(:mod:`tests.support.fake_uow`), a settable day (:mod:`tests.support.clock`) and Python
sources parsed once per process for the meta-tests (:mod:`tests.support.sources`)."""
