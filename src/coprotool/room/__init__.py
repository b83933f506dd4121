"""The room: participants vote from their own devices. state.py is the pure core; app.py the web edge."""
