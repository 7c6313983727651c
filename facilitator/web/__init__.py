"""The pages: blueprints (views), trainer accounts, what every template can use
(templating), error pages, security headers and compression of static files.
"""
