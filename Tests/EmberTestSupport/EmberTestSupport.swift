// EmberTestSupport.swift
//
// Shared helpers for the front end's tests, one file per concern: values (Values.swift),
// layouts and layout variants (Layouts.swift), failures captured or stopping the process
// (Errors.swift), gradients (Gradients.swift) and PyTorch transcripts (Transcripts.swift). The
// backend's helpers, which need no `Tensor`, come with them from EmberBackendTestSupport.
//
// Every expected value a test passes to these helpers comes from PyTorch, never from Ember.

@_exported import EmberBackendTestSupport
