package com.acme.im.logic.user;

import com.acme.im.logic.auth.CredentialValidator;
import com.acme.im.logic.repo.RepoClients;
import com.acme.im.proto.common.v1.User;
import com.acme.im.proto.repo.v1.GetUserRequest;
import jakarta.inject.Singleton;

/**
 * 按用户名查用户公开资料：先按注册规则校验用户名（非法 1001，不必问 repo），再由 repo 查找（不存在 2000）。
 */
@Singleton
public class UserLookupService {

    private final RepoClients repo;

    public UserLookupService(RepoClients repo) {
        this.repo = repo;
    }

    public User byUsername(String username) {
        CredentialValidator.checkUsername(username);
        return repo.users().getUser(GetUserRequest.newBuilder().setUsername(username).build()).getUser();
    }
}
