"""matplotlib for the plot scripts, drawing to files (Agg). Where this python3 lacks it
(e.g. a pyenv python3 ahead of the system one that has python3-matplotlib), the calling
script is run again under /usr/bin/python3; else it stops with a one-line error."""
import os
import sys

try:
    import matplotlib
except ImportError:
    if os.path.exists("/usr/bin/python3") and os.path.realpath(sys.executable) != os.path.realpath("/usr/bin/python3"):
        os.execv("/usr/bin/python3", ["/usr/bin/python3"] + sys.argv)
    sys.exit(f"{os.path.basename(sys.argv[0])}: needs matplotlib (Debian: python3-matplotlib)")
matplotlib.use("Agg")
