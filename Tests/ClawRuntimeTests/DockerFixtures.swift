// Real output captured from podman 4.3.1 and docker 28.2.2 (client) / 20.10.24 (engine) on Debian 12;
// inspect documents trimmed to the fields the driver reads.

enum DockerFixtures {
    static let ps = #"""
{"Command":"\"sh -c 'exit 3'\"","CreatedAt":"2026-11-25 08:50:06 +0000 UTC","ID":"f403d9179713a0dfd74ce801b1d62eff3b8cfb2ed46312ecd97f1240534eb29c","Image":"localhost/devtest:1","Labels":"a=b","LocalVolumes":"0","Mounts":"","Names":"dt2","Networks":"bridge","Platform":null,"Ports":"","RunningFor":"1 second ago","Size":"0B (virtual 1.99MB)","State":"exited","Status":"Exited (3) 1 second ago"}
{"Command":"\"sh -c 'mkdir -p /www \u0026\u0026 echo ok \u003e /www/index.html \u0026\u0026 httpd -f -p 8080 -h /www'\"","CreatedAt":"2026-11-25 08:49:51 +0000 UTC","ID":"64e6a8a6efad193311e69838e61fd7efd2ab81f05461b649235603b3c32cc5d1","Image":"localhost/devtest:1","Labels":"a=b,c=d","LocalVolumes":"0","Mounts":"","Names":"dt1","Networks":"bridge","Platform":null,"Ports":"127.0.0.1:32768-\u003e8080/tcp","RunningFor":"16 seconds ago","Size":"3B (virtual 1.99MB)","State":"running","Status":"Up 15 seconds"}
"""#

    static let inspectRunning = #"""
[
  {
    "Id": "64e6a8a6efad193311e69838e61fd7efd2ab81f05461b649235603b3c32cc5d1",
    "Created": "2026-11-25T08:49:51.317538711Z",
    "Name": "/dt1",
    "Image": "sha256:e722bb63b28919beaf17645b6d1003abc71d7fcab8d49b883c206ce74af4513c",
    "State": {
      "Status": "running",
      "Running": true,
      "Paused": false,
      "Restarting": false,
      "OOMKilled": false,
      "Dead": false,
      "Pid": 10511,
      "ExitCode": 0,
      "Error": "",
      "StartedAt": "2026-11-25T08:49:51.641035821Z",
      "FinishedAt": "0001-01-01T00:00:00Z"
    },
    "Config": {
      "Image": "localhost/devtest:1",
      "Labels": {
        "a": "b",
        "c": "d"
      },
      "Hostname": "64e6a8a6efad"
    },
    "NetworkSettings": {
      "Ports": {
        "8080/tcp": [
          {
            "HostIp": "127.0.0.1",
            "HostPort": "32768"
          }
        ]
      }
    }
  }
]
"""#

    static let inspectExited = #"""
[
  {
    "Id": "f403d9179713a0dfd74ce801b1d62eff3b8cfb2ed46312ecd97f1240534eb29c",
    "Created": "2026-11-25T08:50:06.17442667Z",
    "Name": "/dt2",
    "Image": "sha256:e722bb63b28919beaf17645b6d1003abc71d7fcab8d49b883c206ce74af4513c",
    "State": {
      "Status": "exited",
      "Running": false,
      "Paused": false,
      "Restarting": false,
      "OOMKilled": false,
      "Dead": false,
      "Pid": 0,
      "ExitCode": 3,
      "Error": "",
      "StartedAt": "2026-11-25T08:50:06.54001142Z",
      "FinishedAt": "2026-11-25T08:50:06.544111438Z"
    },
    "Config": {
      "Image": "localhost/devtest:1",
      "Labels": {
        "a": "b"
      },
      "Hostname": "f403d9179713"
    },
    "NetworkSettings": {
      "Ports": {}
    }
  }
]
"""#

    static let events = #"""
{"status":"create","id":"75d10feae68400a89cd924f17e6bb629ee62ec6b649216e540824d431ecd8e2a","from":"localhost/devtest:1","Type":"container","Action":"create","Actor":{"ID":"75d10feae68400a89cd924f17e6bb629ee62ec6b649216e540824d431ecd8e2a","Attributes":{"ev":"1","image":"localhost/devtest:1","name":"dockerev"}},"scope":"local","time":1795596613,"timeNano":1795596613061992097}
{"status":"start","id":"75d10feae68400a89cd924f17e6bb629ee62ec6b649216e540824d431ecd8e2a","from":"localhost/devtest:1","Type":"container","Action":"start","Actor":{"ID":"75d10feae68400a89cd924f17e6bb629ee62ec6b649216e540824d431ecd8e2a","Attributes":{"ev":"1","image":"localhost/devtest:1","name":"dockerev"}},"scope":"local","time":1795596613,"timeNano":1795596613364152367}
{"status":"die","id":"75d10feae68400a89cd924f17e6bb629ee62ec6b649216e540824d431ecd8e2a","from":"localhost/devtest:1","Type":"container","Action":"die","Actor":{"ID":"75d10feae68400a89cd924f17e6bb629ee62ec6b649216e540824d431ecd8e2a","Attributes":{"ev":"1","exitCode":"5","image":"localhost/devtest:1","name":"dockerev"}},"scope":"local","time":1795596613,"timeNano":1795596613400520041}
{"status":"destroy","id":"75d10feae68400a89cd924f17e6bb629ee62ec6b649216e540824d431ecd8e2a","from":"localhost/devtest:1","Type":"container","Action":"destroy","Actor":{"ID":"75d10feae68400a89cd924f17e6bb629ee62ec6b649216e540824d431ecd8e2a","Attributes":{"ev":"1","image":"localhost/devtest:1","name":"dockerev"}},"scope":"local","time":1795596613,"timeNano":1795596613900788280}
"""#

    static let volumeInspect = #"""
[
    {
        "CreatedAt": "2026-11-25T08:50:06Z",
        "Driver": "local",
        "Labels": {
            "a": "b"
        },
        "Mountpoint": "/var/lib/clawd-test-docker/volumes/dv1/_data",
        "Name": "dv1",
        "Options": null,
        "Scope": "local"
    }
]
"""#

    static let version = #"""
{"Client":{"Version":"28.2.2","ApiVersion":"1.41","DefaultAPIVersion":"1.50","GitCommit":"e6534b4","GoVersion":"go1.24.3","Os":"linux","Arch":"amd64","BuildTime":"Fri May 30 12:07:14 2025","Context":"default"},"Server":{"Platform":{"Name":""},"Components":[{"Name":"Engine","Version":"20.10.24+dfsg1","Details":{"ApiVersion":"1.41","Arch":"amd64","BuildTime":"Thu May  7 21:09:36 2026","Experimental":"false","GitCommit":"5d6db84","GoVersion":"go1.19.8","KernelVersion":"6.18.44-fc-v782","MinAPIVersion":"1.12","Os":"linux"}},{"Name":"containerd","Version":"1.6.20~ds1","Details":{"GitCommit":"1.6.20~ds1-1+deb12u3"}},{"Name":"runc","Version":"1.1.5+ds1","Details":{"GitCommit":"1.1.5+ds1-1+deb12u1"}},{"Name":"docker-init","Version":"0.19.0","Details":{"GitCommit":""}}],"Version":"20.10.24+dfsg1","ApiVersion":"1.41","MinAPIVersion":"1.12","GitCommit":"5d6db84","GoVersion":"go1.19.8","Os":"linux","Arch":"amd64","KernelVersion":"6.18.44-fc-v782","BuildTime":"2026-05-07T21:09:36.000000000+00:00"}}
"""#
}
