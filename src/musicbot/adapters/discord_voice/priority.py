"""The sender's thread before everything else on the machine: the listener's 20 ms do not wait for a CPU.

Measured in bursts of /play over 100 servers (bench/play_burst.py, `/proc/<tid>/schedstat`, 2 cores at load
~15): at normal priority the sender's thread spent 12.2 s of 17.4 s runnable but waiting for a CPU, against
0.9 s on one; in another run 2,873 of 27,847 intervals between a server's packets were 50 ms or more at the
sender itself.
In round-robin real-time scheduling it waited 2 ms in all, and the slots it still missed came from waiting for
the GIL (bench/sender_timing.py tells those from the receiver's stalls). The thread sleeps between ticks and a
tick takes well under a millisecond, so it cannot starve the machine; Linux also keeps 5 % of each second
for normal threads (`sched_rt_runtime_us`).

Real-time scheduling needs CAP_SYS_NICE or an RLIMIT_RTPRIO (systemd: `LimitRTPRIO=10`), and a real-time budget
in the process's cgroup; without it, a lower nice value, which needs CAP_SYS_NICE or RLIMIT_NICE; without either,
the thread stays as it is and the bot says so once at start. In a container neither was obtained where tried
(docs/operations.md, Voice): compose's `ulimits: rtprio` kept the container from starting, and `cap_add:
SYS_NICE` does not reach the image's user (Docker gives added capabilities to root only).
"""

from __future__ import annotations

import os

from musicbot.adapters.thread_priority import set_thread_nice

REALTIME_PRIORITY = 5  # of 1-99: above every normal thread, below the kernel's own real-time threads (50)
NICE = -10


def raise_priority() -> str:
    """The calling thread (on Linux: this thread only) as high as the process may set it; what it got."""
    if hasattr(os, "sched_setscheduler"):
        try:
            os.sched_setscheduler(0, os.SCHED_RR, os.sched_param(REALTIME_PRIORITY))
            return f"real-time round-robin, priority {REALTIME_PRIORITY}"
        except OSError:
            pass  # EPERM: neither CAP_SYS_NICE nor an RLIMIT_RTPRIO (nor an RT budget in its cgroup)
    if set_thread_nice(NICE):
        return f"nice {NICE}"
    return "normal (the process may not raise a thread's priority: see docs/operations.md)"
