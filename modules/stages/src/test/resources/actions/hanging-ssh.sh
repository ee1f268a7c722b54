#!/bin/sh
# A remote shell that connects and then never answers, like ssh to a hung host.
sleep 300
