"""The preview server: watch the inputs, rebuild, serve the last good build, reload browsers."""
