// Real output captured from podman 4.3.1 and docker 28.2.2 (client) / 20.10.24 (engine) on Debian 12;
// inspect documents trimmed to the fields the driver reads.

enum PodmanFixtures {
    static let ps = #"""
[
  {
    "AutoRemove": false,
    "Command": [
      "sh",
      "-c",
      "mkdir -p /www \u0026\u0026 echo ok \u003e /www/index.html \u0026\u0026 httpd -f -p 8080 -h /www"
    ],
    "CreatedAt": "1 second ago",
    "Exited": false,
    "ExitedAt": -62135596800,
    "ExitCode": 0,
    "Id": "c25621d3636e87a14aa50477d2f804517c67a4bc8191c0d4bcc90e4662037841",
    "Image": "localhost/devtest:1",
    "ImageID": "fbef06d01c49cc60851b6bb1580e2f438f26416e72af0741e9f7553adefdcae5",
    "IsInfra": false,
    "Labels": {
      "a": "b",
      "c": "d",
      "io.buildah.version": "1.28.2"
    },
    "Mounts": [
      "/data"
    ],
    "Names": [
      "pt1"
    ],
    "Namespaces": {
      
    },
    "Networks": [
      "podman"
    ],
    "Pid": 10705,
    "Pod": "",
    "PodName": "",
    "Ports": [
      {
        "host_ip": "127.0.0.1",
        "container_port": 8080,
        "host_port": 40397,
        "range": 1,
        "protocol": "tcp"
      }
    ],
    "Size": null,
    "StartedAt": 1795596597,
    "State": "running",
    "Status": "Up 1 second ago",
    "Created": 1795596597
  },
  {
    "AutoRemove": false,
    "Command": [
      "sh",
      "-c",
      "exit 3"
    ],
    "CreatedAt": "1 second ago",
    "Exited": true,
    "ExitedAt": 1795596597,
    "ExitCode": 3,
    "Id": "9ed83c46727abb5041fa94133a52ee68c74ae329857ab39bfb8dab941b258749",
    "Image": "localhost/devtest:1",
    "ImageID": "fbef06d01c49cc60851b6bb1580e2f438f26416e72af0741e9f7553adefdcae5",
    "IsInfra": false,
    "Labels": {
      "a": "b",
      "io.buildah.version": "1.28.2"
    },
    "Mounts": [],
    "Names": [
      "pt2"
    ],
    "Namespaces": {
      
    },
    "Networks": [
      "podman"
    ],
    "Pid": 0,
    "Pod": "",
    "PodName": "",
    "Ports": null,
    "Size": null,
    "StartedAt": 1795596597,
    "State": "exited",
    "Status": "Exited (3) 1 second ago",
    "Created": 1795596597
  }
]
"""#

    static let inspectRunning = #"""
[
  {
    "Id": "c25621d3636e87a14aa50477d2f804517c67a4bc8191c0d4bcc90e4662037841",
    "Created": "2026-11-25T08:49:57.12956037Z",
    "Name": "pt1",
    "Image": "fbef06d01c49cc60851b6bb1580e2f438f26416e72af0741e9f7553adefdcae5",
    "ImageName": "localhost/devtest:1",
    "State": {
      "OciVersion": "1.0.2-dev",
      "Status": "running",
      "Running": true,
      "Paused": false,
      "Restarting": false,
      "OOMKilled": false,
      "Dead": false,
      "Pid": 10705,
      "ConmonPid": 10695,
      "ExitCode": 0,
      "Error": "",
      "StartedAt": "2026-11-25T08:49:57.330091883Z",
      "FinishedAt": "0001-01-01T00:00:00Z",
      "Health": {
        "Status": "",
        "FailingStreak": 0,
        "Log": null
      },
      "CgroupPath": "/libpod_parent/libpod-c25621d3636e87a14aa50477d2f804517c67a4bc8191c0d4bcc90e4662037841",
      "CheckpointedAt": "0001-01-01T00:00:00Z",
      "RestoredAt": "0001-01-01T00:00:00Z"
    },
    "Config": {
      "Image": "localhost/devtest:1",
      "Labels": {
        "a": "b",
        "c": "d",
        "io.buildah.version": "1.28.2"
      },
      "Hostname": "c25621d3636e"
    },
    "NetworkSettings": {
      "Ports": {
        "8080/tcp": [
          {
            "HostIp": "127.0.0.1",
            "HostPort": "40397"
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
    "Id": "9ed83c46727abb5041fa94133a52ee68c74ae329857ab39bfb8dab941b258749",
    "Created": "2026-11-25T08:49:57.387861609Z",
    "Name": "pt2",
    "Image": "fbef06d01c49cc60851b6bb1580e2f438f26416e72af0741e9f7553adefdcae5",
    "ImageName": "localhost/devtest:1",
    "State": {
      "OciVersion": "1.0.2-dev",
      "Status": "exited",
      "Running": false,
      "Paused": false,
      "Restarting": false,
      "OOMKilled": false,
      "Dead": false,
      "Pid": 0,
      "ExitCode": 3,
      "Error": "",
      "StartedAt": "2026-11-25T08:49:57.607319211Z",
      "FinishedAt": "2026-11-25T08:49:57.604399827Z",
      "Health": {
        "Status": "",
        "FailingStreak": 0,
        "Log": null
      },
      "CheckpointedAt": "0001-01-01T00:00:00Z",
      "RestoredAt": "0001-01-01T00:00:00Z"
    },
    "Config": {
      "Image": "localhost/devtest:1",
      "Labels": {
        "a": "b",
        "io.buildah.version": "1.28.2"
      },
      "Hostname": "9ed83c46727a"
    },
    "NetworkSettings": {
      "Ports": {}
    }
  }
]
"""#

    static let events = #"""
{"ID":"174fc5d14d7c1e2e746c708a14457000db4523586fe22e8e53acbeda86638fe3","Image":"localhost/devtest:1","Name":"podmanev","Status":"create","Time":"2026-11-25T08:50:12.185678142Z","Type":"container","Attributes":{"ev":"1","io.buildah.version":"1.28.2"}}
{"ID":"174fc5d14d7c1e2e746c708a14457000db4523586fe22e8e53acbeda86638fe3","Image":"localhost/devtest:1","Name":"podmanev","Status":"init","Time":"2026-11-25T08:50:12.415130215Z","Type":"container","Attributes":{"ev":"1","io.buildah.version":"1.28.2"}}
{"ID":"174fc5d14d7c1e2e746c708a14457000db4523586fe22e8e53acbeda86638fe3","Image":"localhost/devtest:1","Name":"podmanev","Status":"start","Time":"2026-11-25T08:50:12.427334219Z","Type":"container","Attributes":{"ev":"1","io.buildah.version":"1.28.2"}}
{"ContainerExitCode":5,"ID":"174fc5d14d7c1e2e746c708a14457000db4523586fe22e8e53acbeda86638fe3","Image":"localhost/devtest:1","Name":"podmanev","Status":"died","Time":"2026-11-25T08:50:12.479496951Z","Type":"container","Attributes":{"ev":"1","io.buildah.version":"1.28.2"}}
{"ID":"174fc5d14d7c1e2e746c708a14457000db4523586fe22e8e53acbeda86638fe3","Image":"localhost/devtest:1","Name":"podmanev","Status":"cleanup","Time":"2026-11-25T08:50:12.536312598Z","Type":"container","Attributes":{"ev":"1","io.buildah.version":"1.28.2"}}
{"ID":"174fc5d14d7c1e2e746c708a14457000db4523586fe22e8e53acbeda86638fe3","Image":"localhost/devtest:1","Name":"podmanev","Status":"remove","Time":"2026-11-25T08:50:13.008213043Z","Type":"container","Attributes":{"ev":"1","io.buildah.version":"1.28.2"}}
"""#

    static let volumes = #"""
[
  {
    "Name": "pv1",
    "Driver": "local",
    "Mountpoint": "/var/lib/containers/storage/volumes/pv1/_data",
    "CreatedAt": "2026-11-25T08:49:57.072597297Z",
    "Labels": {
      "a": "b"
    },
    "Scope": "local",
    "Options": {
      
    },
    "MountCount": 0,
    "NeedsCopyUp": true
  }
]
"""#

    static let version = #"""
{"Client":{"APIVersion":"4.3.1","Version":"4.3.1","GoVersion":"go1.19.8","GitCommit":"","BuiltTime":"Thu Jan  1 00:00:00 1970","Built":0,"OsArch":"linux/amd64","Os":"linux"}}
"""#
}
