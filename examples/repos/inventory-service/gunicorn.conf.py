# gunicorn with uvicorn workers: `gunicorn -c gunicorn.conf.py app.main:app`
import os

bind = f"0.0.0.0:{os.getenv('PORT', '8000')}"
workers = int(os.getenv("WEB_CONCURRENCY", "2"))
worker_class = "uvicorn.workers.UvicornWorker"

# On SIGTERM, workers get this long to finish in-flight requests.
graceful_timeout = 25
timeout = 30
keepalive = 5

# structlog writes the application logs; gunicorn's access log would duplicate them.
accesslog = None
errorlog = "-"
