# JupyterHub configuration for a class on one machine (Debian's jupyterhub 3
# and configurable-http-proxy): every learner gets a container of the course
# image (deploy/Containerfile) with their own storage folder mounted as the
# home folder, so learners cannot see each other's files. deploy/hub/run.sh
# starts it; deploy/loadtest drives it with simulated learners.
#
# Everything listens on 127.0.0.1 only: the proxy (the learners' entry,
# port 8000), its API (8001), the hub (8081) and every learner's server.
# To open it to a real class, put it behind a TLS reverse proxy and replace
# the test authenticator with a real one (PAM, OAuth...).
#
# Environment (set by run.sh):
#   INTRODL_HUB_PASSWORD   the shared password of the test accounts (required)
#   INTRODL_HUB_USERS      how many accounts learner1..learnerN may log in (default 16)
#   INTRODL_HUB_IMAGE      the image (default localhost/introdl:ci)
#   INTRODL_HUB_STORAGE    the folder holding one home folder per learner
#   INTRODL_HUB_MEM, INTRODL_HUB_CPU  per-learner limits for podman (optional,
#                          e.g. "2G" and "1"), like the Kubernetes limits in
#                          deploy/z2jh-values.yaml
import os
import shutil

from jupyterhub.auth import DummyAuthenticator
from jupyterhub.spawner import SimpleLocalProcessSpawner
from traitlets import Unicode

c = get_config()  # noqa: F821 (JupyterHub provides it)


class PodmanSpawner(SimpleLocalProcessSpawner):
    """Runs each learner's jupyterhub-singleuser in a container of the image.

    The container shares the host's network (so its server listens on
    127.0.0.1 at the port the hub picked, where the proxy expects it) but
    nothing else: its own file system, with only the learner's storage
    folder mounted at /home/jovyan, as uid 1000. The hub still manages the
    `podman run` process like a local process: stopping it signals podman,
    which passes the signal to the container.

    Sharing the host's network would have one cost, seen once in 16
    learners: each server picks free TCP ports for its kernels on its own,
    and two servers can pick the same one at the same moment; that kernel
    fails to start ("address already in use"). So the kernels talk to their
    server over Unix sockets (ZeroMQ's ipc transport, which GoNB supports)
    in the container's own /tmp (JUPYTER_RUNTIME_DIR, not the learner's
    storage, which may be a network file system), where no other
    learner's kernel can take them. (A network of its own per learner, as Kubernetes pods
    have, avoids it too; podman's bridge needs iptables or nftables, which
    the machines this was written on lack.)
    """

    image = Unicode(config=True, help="The course image.")
    storage = Unicode(config=True, help="Folder with one home folder per learner.")

    def _home(self):
        return os.path.join(self.storage, self.user.name)

    def make_preexec_fn(self, name):
        home = self._home()

        def preexec():
            # The learner's storage, owned by the container's uid 1000 and
            # closed to everyone else on the host.
            os.makedirs(home, 0o700, exist_ok=True)
            os.chown(home, 1000, 1000)
            os.chmod(home, 0o700)

        return preexec

    def user_env(self, env):
        env["USER"] = "jovyan"
        env["HOME"] = "/home/jovyan"
        return env

    async def start(self):
        if self.port == 0:
            from jupyterhub.utils import random_port

            self.port = random_port()
        env = self.get_env()
        name = "jupyter-" + self.user.name
        podman = shutil.which("podman") or "podman"
        run = [podman, "run", "--rm", "--replace", "--name", name,
               "--network", "host",
               "--volume", self._home() + ":/home/jovyan",
               "--env", "JUPYTER_RUNTIME_DIR=/tmp/jupyter-runtime"]
        if self.mem_limit:
            run += ["--memory", str(self.mem_limit)]
        if self.cpu_limit:
            run += ["--cpus", str(self.cpu_limit)]
        # Only the hub's variables cross into the container (MEM_LIMIT:
        # start.sh turns it into GOMEMLIMIT); PATH, HOME and the rest come
        # from the image.
        for key in sorted(env):
            if key.startswith("JUPYTERHUB_") or key in ("JPY_API_TOKEN", "MEM_LIMIT"):
                run += ["--env", key]
        run.append(self.image)
        self.cmd = run + ["jupyterhub-singleuser", "--KernelManager.transport=ipc"]
        return await super().start()


c.JupyterHub.ip = "127.0.0.1"
c.JupyterHub.port = 8000
c.JupyterHub.hub_ip = "127.0.0.1"
c.JupyterHub.hub_port = 8081
c.ConfigurableHTTPProxy.api_url = "http://127.0.0.1:8001"

# Test accounts learner1..learnerN with one shared password: enough to test
# that nothing is reachable without logging in. Not for a real class.
c.JupyterHub.authenticator_class = DummyAuthenticator
c.DummyAuthenticator.password = os.environ["INTRODL_HUB_PASSWORD"]
n = int(os.environ.get("INTRODL_HUB_USERS", "16"))
c.Authenticator.allowed_users = {"learner%d" % i for i in range(1, n + 1)}

c.JupyterHub.spawner_class = PodmanSpawner
c.PodmanSpawner.image = os.environ.get("INTRODL_HUB_IMAGE", "localhost/introdl:ci")
c.PodmanSpawner.storage = os.environ.get("INTRODL_HUB_STORAGE", "/var/lib/introdl-hub/home")
c.Spawner.default_url = "/tree/notebooks"
c.Spawner.ip = "127.0.0.1"
# The first start of a container takes a few seconds; under a load test
# many start at once on two cores.
c.Spawner.start_timeout = 300
c.Spawner.http_timeout = 300
if os.environ.get("INTRODL_HUB_MEM"):
    c.Spawner.mem_limit = os.environ["INTRODL_HUB_MEM"]
if os.environ.get("INTRODL_HUB_CPU"):
    c.Spawner.cpu_limit = float(os.environ["INTRODL_HUB_CPU"])
# A server restart must keep the learner's files: they live in storage.
# Idle servers are not culled here (the load test restarts them itself).
