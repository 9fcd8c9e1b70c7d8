"""Everything that touches video: finding ffmpeg, running it, probing clips."""
