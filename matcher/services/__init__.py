"""Services: plain typed functions over the session that views, the API and commands share."""
