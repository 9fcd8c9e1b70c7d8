"""Putting a built site on the office's hosts: plan, order and state here, rclone moves files."""
