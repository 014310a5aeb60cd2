/** 群组与群成员的存取。 */
package com.acme.im.repo.group;
