-- wrk script: an empty POST (for the one-INSERT ceiling).
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = "{}"
