"""``spinrelax app``: look at one sample's spectra and rate laws in the browser, exclude points or
spectra, change the model or the law, and save the choices as a settings file that
``spinrelax report --settings`` reads (:mod:`spinrelax.app.session` holds the state and the
refit, :mod:`spinrelax.app.page` the Bokeh page, :mod:`spinrelax.app.server` the local server)."""
